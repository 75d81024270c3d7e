ARG B=drydock-test-engine/busybox
FROM $B AS a
ARG X=1
ADD Dockerfile /a
EXPOSE 80
CMD ["sh"]
ENTRYPOINT ["sh"]
VOLUME /v
SHELL ["/bin/sh","-c"]
STOPSIGNAL TERM
HEALTHCHECK NONE
ONBUILD RUN true
RUN true
FROM a AS b
RUN echo b
FROM $B
COPY --from=a /a /a
