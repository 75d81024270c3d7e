FROM drydock-test-engine/busybox
RUN echo before
RUN echo failing >&2 && exit 3
