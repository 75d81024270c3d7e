# Cases for DD1002 from-latest. `# expect: DD1002` marks a finding on the next instruction.
ARG LATEST=node:latest
ARG PINNED=node:22-slim
ARG UNSET
# expect: DD1002
FROM python:latest AS py
# expect: DD1002
FROM ${LATEST} AS node
# expect: DD1002
FROM registry.example.com:5000/team/app:latest AS private
FROM debian AS untagged
FROM python:latest@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b AS pinned
FROM ${PINNED} AS by-arg
FROM app:${UNSET} AS unknown
FROM alpine:latest-rc AS not-quite-latest
FROM py AS stage
RUN echo latest
