# Cases for DD6002 env-unreachable-after-user. `# expect: DD6002` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM python:3.12-slim AS root-home
RUN python -m venv /root/venv && /root/venv/bin/pip install --no-cache-dir requests
# Still root: fine.
RUN /root/venv/bin/python -c 'import requests'
ENV PATH=/root/venv/bin:$PATH
USER appuser
# expect: DD6002
RUN python -c 'import requests'
# expect: DD6002
CMD ["/root/venv/bin/python", "app.py"]

FROM python:3.12-slim AS opt
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
USER appuser
RUN python -c 'import sys'
CMD ["python", "app.py"]

FROM python:3.12-slim AS user-first
USER appuser
WORKDIR /home/appuser
RUN python -m venv ~/venv && ~/venv/bin/pip install --no-cache-dir requests

FROM python:3.12-slim AS user-site-as-root
RUN pip install --user --no-cache-dir flask
# Still root: fine.
RUN python -c 'import flask'
USER appuser
# expect: DD6002
RUN python -c 'import flask'
# Reported once per stage.
RUN python3 -m flask --version
CMD ["python", "-m", "flask", "run"]

FROM python:3.12-slim AS user-site-as-root-cmd
RUN pip install --user --no-cache-dir gunicorn
USER 1000
# expect: DD6002
CMD ["/root/.local/bin/gunicorn", "app:app"]

FROM python:3.12-slim AS user-site-as-user
USER appuser
RUN pip install --user --no-cache-dir flask
RUN python -c 'import flask'
