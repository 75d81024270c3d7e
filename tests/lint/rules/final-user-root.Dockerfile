# Cases for DD6001 final-user-root. `# expect: DD6001` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm-slim AS builder
# A builder stage may stay root.
USER root
RUN echo build

FROM debian:bookworm-slim AS final
USER app
RUN echo as-app
# Switching back to root for a step and staying there.
# expect: DD6001
USER root
RUN apt-get update
