# Cases for DD7002 multiple-cmd. `# expect: DD7002` marks a finding on the next instruction.
FROM python:3.12-slim AS app
# expect: DD7002
CMD ["python", "migrate.py"]
# expect: DD7002
ENTRYPOINT ["/bin/sh"]
# expect: DD7002
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
HEALTHCHECK --interval=30s CMD curl -f http://localhost/health || exit 1
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["python", "app.py"]
ONBUILD CMD ["python", "other.py"]
FROM app AS child
CMD ["python", "worker.py"]
FROM debian:bookworm-slim AS single
ENTRYPOINT ["/bin/app"]
CMD ["--help"]
HEALTHCHECK NONE
FROM debian:bookworm-slim AS twice
# expect: DD7002
CMD echo first
CMD echo second
