# facts-bot container: built with dev dependencies, run with production ones only.
#   docker build -t facts-bot .
#   docker run --rm --env-file .env -p 3000:3000 facts-bot
# Debian-based, not alpine: a dependency (sentencex) ships glibc native binaries only.
# Needs BuildKit (Docker's default builder since 23.0; buildah also reads it).
# test/runtime/dockerfile.test.ts replays these steps without Docker: keep every RUN an npm command.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so editing the sources does not reinstall them. No scripts: `prepare` would build
# before the sources are copied. npm's cache is a BuildKit cache mount: kept between builds, never in a layer.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    CORPUS_DIR=/app/seeds
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; --ignore-scripts because `prepare` runs the TypeScript build.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The bundled corpus; mount another folder over /app/seeds (or set CORPUS_DIR) to serve a different story.
COPY seeds ./seeds
# The image's files stay root-owned and read-only to the process.
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
# slim images have no curl: ask Node itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
