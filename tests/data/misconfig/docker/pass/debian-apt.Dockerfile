# Packages installed the careful way, a secret mounted at build time rather
# than passed in ARG or ENV. No check should fire.
FROM debian:12.6-slim@sha256:5f7d5664eae4a192c2d2d6cb67fc3f3c7891a8722cd2903cc35aa649a12b0c8d
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates python3 \
 && rm -rf /var/lib/apt/lists/*
RUN --mount=type=secret,id=pip_token \
    PIP_INDEX_URL="https://$(cat /run/secrets/pip_token)@pypi.example.com/simple" true
ENV APP_HOME=/srv/app \
    API_KEY_FILE=/run/secrets/api_key
WORKDIR /srv/app
COPY --chown=10001:10001 app/ ./
RUN groupadd -g 10001 app && useradd -u 10001 -g app -M app
USER app
HEALTHCHECK CMD ["python3", "-c", "print('ok')"]
CMD ["python3", "main.py"]
