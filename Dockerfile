# syntax=docker/dockerfile:1
# The build the README describes (`npm ci && npm run build`, then `node dist/src/main.js`), in three stages.
# Every stage is Debian 12 (glibc), so the native better-sqlite3 addon compiled here loads at run time.

FROM node:24-bookworm-slim AS toolchain
# better-sqlite3 compiles from source when no prebuilt binary fits: node-gyp needs python3, make and g++.
# Versions are those of the pinned Debian release; pinning each package would break on every point release.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

FROM toolchain AS build
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY schemas ./schemas
RUN npm run build

FROM toolchain AS deps
RUN npm ci --omit=dev && npm cache clean --force
# The spool's mount point, owned by the runtime user, for `docker run` without a volume.
RUN mkdir -p /out/spool

# No shell, no package manager: node is the entrypoint and PID 1, and handles SIGTERM itself (graceful drain).
FROM gcr.io/distroless/nodejs24-debian12:nonroot AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY schemas ./schemas
COPY --from=deps --chown=10001:10001 /out/spool /var/lib/tencent-im-kafka-bridge/spool
# Numeric, so that Kubernetes can verify runAsNonRoot; the Helm chart runs the pod as the same UID/GID.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["dist/src/main.js"]
