# syntax=docker/dockerfile:1
# A Go service built in one stage and shipped on a distroless base as a
# non-root user. No check should fire.
ARG GO_VERSION=1.22.5
FROM golang:${GO_VERSION}-bookworm@sha256:d93c4aed8a0b9ee7ec1ec0f8ff2b1f6d1fd53b1ec4c43ab0a2b5c9a3a24e47a4 AS build
WORKDIR /src
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends git
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65
COPY --from=build /out/server /server
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/server", "-healthcheck"]
ENTRYPOINT ["/server"]
