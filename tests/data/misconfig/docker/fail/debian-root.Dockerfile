# expect: RP-DF-002 RP-DF-004 RP-DF-008 RP-DF-009 RP-DF-010 RP-DF-011 RP-DF-012 RP-DF-016
ARG BASE_IMAGE=debian
FROM ${BASE_IMAGE} AS runtime
ARG DB_PASSWORD
RUN apt-get update && \
    apt-get install python3 python3-pip
RUN useradd -m app && sudo chown -R app /srv
USER app
COPY app.py /srv/app.py
USER root
ENTRYPOINT ["python3"]
ENTRYPOINT ["python3", "/srv/app.py"]
