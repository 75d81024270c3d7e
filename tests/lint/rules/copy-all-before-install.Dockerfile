# Cases for DD5001 copy-all-before-install. `# expect: DD5001` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM python:3.12-slim AS seed
WORKDIR /app
# expect: DD5001
COPY . .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim AS manifests-first
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN pip install --no-cache-dir --no-deps .

FROM python:3.12-slim AS project
WORKDIR /app
# expect: DD5001
COPY . /app
RUN pip install --no-cache-dir .

FROM node:20 AS node
WORKDIR /app
# expect: DD5001
COPY ./ ./
RUN npm ci && npm run build

FROM node:20 AS node-ok
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM golang:1.22 AS go
WORKDIR /src
COPY . .
# Builds need the sources; only the download step is a manifest install.
RUN go build ./...

FROM python:3.12-slim AS bind
WORKDIR /app
COPY . .
RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt

FROM python:3.12-slim AS other-stage
COPY --from=seed /app /app
RUN pip install --no-cache-dir -r /app/requirements.txt
