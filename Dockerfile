# syntax=docker/dockerfile:1
# Triada: a static binary on a distroless base, run as a non-root user.
#   docker build -t triada .
#   docker run -p 127.0.0.1:8080:8080 -v triada-data:/data triada

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/triada ./cmd/triada \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/triada /usr/local/bin/triada
# The embedded database lives in /data, owned by the image's non-root user.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV TRIADA_ADDR=0.0.0.0:8080 \
    TRIADA_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/triada"]
CMD ["serve"]
