FROM alpine:latest
RUN curl -fsSL https://example.com/install.sh | sh
