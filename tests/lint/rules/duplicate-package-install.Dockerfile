# Cases for DD2005 duplicate-package-install. `# expect: DD2005` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# expect: DD2005
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 git
RUN apt-get install -y jq
# Removed in between: installing again is legitimate.
RUN apt-get purge -y jq
RUN apt-get install -y jq

FROM base AS child
# expect: DD2005
RUN apt-get update && apt-get install -y git
RUN apt-get update && apt-get install -y make

FROM debian:bookworm-slim AS unrelated
# A different chain: nothing installed yet.
RUN apt-get update && apt-get install -y curl git make

FROM alpine:3.20 AS alpine
RUN apk add --no-cache curl
# expect: DD2005
RUN apk add --no-cache curl bash
