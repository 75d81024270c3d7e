# Cases for DD3005 pip-cache-kept. `# expect: DD3005` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM python:3.12-slim AS deps
# A builder stage: only COPY --from reads it, its layers never ship.
RUN pip install -r requirements.txt

FROM python:3.12-slim AS app
# expect: DD3005
RUN pip install -r requirements.txt
# expect: DD3005
RUN python -m pip install --upgrade pip && pip install --no-cache-dir flask
RUN pip install --no-cache-dir requests
RUN pip3 install --no-cache requests
RUN PIP_NO_CACHE_DIR=1 pip install requests
RUN --mount=type=cache,target=/root/.cache/pip pip install requests
RUN --mount=type=cache,target=/root/.cache pip install requests
# expect: DD3005
RUN --mount=type=cache,target=/var/cache/apt pip install requests
# expect: DD3005
RUN uv pip install --system requests
RUN uv pip install --system --no-cache requests
RUN pip download requests -d /tmp/wheels
COPY --from=deps /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages

ENV PIP_CACHE_DIR=/cache/pip
RUN --mount=type=cache,target=/cache/pip pip install requests

# Built FROM app, so app's layers ship too.
FROM app AS final
RUN pip config set global.no-cache-dir false
RUN pip install requests
ENV PIP_NO_CACHE_DIR=1
RUN pip install requests
