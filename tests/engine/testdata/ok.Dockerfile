FROM drydock-test-engine/busybox AS base
RUN echo hello && echo oops >&2

FROM base
COPY greeting.txt /greeting.txt
LABEL org.example.kind=test
