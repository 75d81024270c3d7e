# Cases for DD0002 useless-suppression: pragmas naming no rule. (Pragmas whose rule finds
# nothing are covered in tests/lint/runner_test.cc, where that rule runs.)
FROM debian:bookworm-slim
# expect: DD0002
# drydock ignore=DD9999
RUN echo one
# expect: DD0002
# drydock ignore=sudo-in-rn -- typo in the slug
RUN echo two
# drydock ignore=DD4004,sudo-in-run
RUN sudo true
# hadolint ignore=DL3008,SC2086
RUN echo three
# expect: DD0002
# drydock global ignore=DL9999
USER nobody
