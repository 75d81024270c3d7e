# Cases for DD7001 shell-form-entrypoint. `# expect: DD7001` marks a finding on the next instruction.
FROM python:3.12-slim AS app
# expect: DD7001
CMD python app.py --port 8000
# expect: DD7001
ENTRYPOINT /usr/local/bin/server --config /etc/server.yaml
# expect: DD7001
CMD gunicorn -b 0.0.0.0:$PORT app:app
CMD ["python", "app.py"]
ENTRYPOINT ["/usr/local/bin/server"]
CMD exec gunicorn -b 0.0.0.0:$PORT app:app
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN echo "CMD python app.py"
FROM debian:bookworm-slim AS with-shell
SHELL ["/bin/bash", "-c"]
CMD ./start.sh && tail -f /dev/null
FROM with-shell AS inherits-shell
ENTRYPOINT ./start.sh
FROM app AS child
# expect: DD7001
CMD ./run.sh
