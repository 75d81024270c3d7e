# Cases for DD1001 from-without-tag. `# expect: DD1001` marks a finding on the next instruction.
# build-arg: GIVEN=alpine:3.20
ARG BASE=debian
ARG TAGGED=python:3.12-slim
ARG UNSET
ARG GIVEN
ARG REGISTRY=ghcr.io:443
# expect: DD1001
FROM ubuntu
# expect: DD1001
FROM ${BASE} AS from-arg-default
# expect: DD1001
FROM ghcr.io/org/tools AS registry-no-tag
# expect: DD1001
FROM ${REGISTRY}/org/app AS port-is-not-a-tag
FROM debian:bookworm-slim AS builder
FROM ${TAGGED} AS tagged-by-arg
FROM ${UNSET} AS unknown-value
FROM ${GIVEN} AS given-by-build-arg
FROM localhost:5000/app:1.2 AS port-and-tag
FROM alpine@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b AS digest
FROM builder AS stage-reference
FROM scratch
COPY --from=builder /etc/os-release /
