# Cases for DD1005 from-undefined-arg. `# expect: DD1005` marks a finding on the next instruction.
# build-arg: SUPPLIED=3.20
# build-arg: UNDECLARED_BUT_GIVEN=debian:12
ARG PYTHON_VERSION=3.12
ARG NO_DEFAULT
ARG EMPTY=
ARG SUPPLIED
ARG REGISTRY=ghcr.io
# expect: DD1005
FROM python:${PYTON_VERSION}-slim AS typo
# expect: DD1005
FROM ${NO_DEFAULT} AS no-default
# expect: DD1005
FROM debian:${EMPTY} AS empty-tag
# expect: DD1005
FROM ${UNDECLARED_BUT_GIVEN} AS build-args-do-not-declare
FROM python:${PYTHON_VERSION}-slim AS ok
ARG STAGE_TAG=3.20
# expect: DD1005
FROM alpine:${STAGE_TAG} AS stage-arg
# expect: DD1005
FROM --platform=${BUILD_PLATFORM} golang:1.22 AS platform-typo
FROM alpine:${SUPPLIED} AS given-on-command-line
FROM --platform=$BUILDPLATFORM golang:1.22 AS cross
FROM alpine:${TARGETARCH} AS builtin-in-tag
FROM ${REGISTRY}/org/app:1.0 AS registry
FROM debian:${EMPTY:-bookworm} AS with-fallback
FROM ok
