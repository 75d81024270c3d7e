# Cases for DD2002 apt-update-separate. `# expect: DD2002` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm-slim AS split
# expect: DD2002
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl

FROM debian:bookworm-slim AS together
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update -qq && apt-get upgrade -y

FROM debian:bookworm-slim AS refreshed
# The install refreshes its own lists.
RUN apt-get update
RUN apt-get update && apt-get install -y curl

FROM debian:bookworm-slim AS no-install
# Nothing installs afterwards in this stage.
RUN apt-get update && echo done
RUN echo nothing

FROM debian:bookworm-slim AS later
# expect: DD2002
RUN set -e; apt-get update; echo refreshed
RUN echo unrelated
RUN apt-get install -y git
