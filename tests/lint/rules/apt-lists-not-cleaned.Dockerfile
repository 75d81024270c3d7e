# Cases for DD2003 apt-lists-not-cleaned. `# expect: DD2003` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm-slim AS builder
# A builder stage: only COPY --from reads it, its layers never ship.
RUN apt-get update && apt-get install -y build-essential

FROM debian:bookworm-slim AS final
# expect: DD2003
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y git
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y git
# No update: this RUN downloads no lists.
RUN apt-get install -y --no-install-recommends jq
# expect: DD2003
RUN apt update && apt install -y wget && apt-get clean
COPY --from=builder /usr/bin/make /usr/local/bin/make
