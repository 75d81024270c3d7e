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
