# Cases for DD1007 copy-from-bad-stage. `# expect: DD1007` marks a finding on the next instruction.
FROM golang:1.22 AS builder
RUN go build -o /out/app ./...
# expect: DD1007
COPY --from=builder /out/app /usr/local/bin/app
# expect: DD1007
COPY --from=0 /out/app /tmp/app
FROM debian:bookworm-slim AS runtime
# expect: DD1007
COPY --from=assets /static /srv/static
# expect: DD1007
COPY --from=7 /x /x
# expect: DD1007
COPY --from=biulder /out/app /usr/local/bin/app
# expect: DD1007
RUN --mount=type=bind,from=assets,target=/a ls /a
COPY --from=builder /out/app /usr/local/bin/app
COPY --from=Builder /out/app /usr/local/bin/app2
COPY --from=0 /out/app /usr/local/bin/app3
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=busybox /bin/busybox /bin/busybox
RUN --mount=type=cache,target=/root/.cache ls
RUN --mount=type=bind,from=builder,source=/out,target=/out ls /out
FROM alpine:3.20 AS assets
COPY --from=runtime /usr/local/bin/app /app
