# Cases for DD0001 parse-error: what BuildKit rejects after parsing (syntax errors drop the
# instruction and are covered in tests/lint/runner_test.cc).
FROM debian:bookworm-slim AS build
# expect: DD0001
FORM alpine
# expect: DD0001
COPY --form=build /a /b
# expect: DD0001
WORKDIR
RUN echo fine
# expect: DD0001
FROM scratch AS 1stage
COPY --from=build /a /b
# The automatic platform ARGs are defined for FROM without an ARG line.
FROM --platform=$BUILDPLATFORM golang:1.22 AS cross
FROM --platform=$TARGETPLATFORM alpine:3.19
FROM --platform=${TARGETOS}/${TARGETARCH}${TARGETVARIANT:+/}${TARGETVARIANT} alpine:3.19
FROM --platform=$BUILDOS/$BUILDARCH alpine:3.19-$BUILDVARIANT
