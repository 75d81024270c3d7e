# Cases for DD1006 bad-stage-name. `# expect: DD1006` marks a finding on the next instruction.
FROM debian:bookworm-slim AS build
# expect: DD1006
FROM debian:bookworm-slim AS build
# expect: DD1006
FROM debian:bookworm-slim AS BUILD
# expect: DD1006
FROM alpine:3.20 AS scratch
# expect: DD1006
FROM alpine:3.20 AS Context
# expect: DD1006
FROM alpine:3.20 AS Builder
FROM alpine:3.20 AS build-2
FROM alpine:3.20 AS scratch-stage
FROM alpine:3.20 AS my_context.v1
FROM alpine:3.20
FROM scratch
COPY --from=build /etc/os-release /
