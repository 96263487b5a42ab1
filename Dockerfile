# syntax=docker/dockerfile:1
# Build stage: full dependencies (native better-sqlite3 build, TypeScript), then compile to dist/ and drop the
# development dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers for better-sqlite3 when no prebuilt binary matches the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies, compiled code and what it reads at run time.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 BURNRATE_DB=/data/burnrate.db
# glibc's allocator keeps an arena per thread (up to eight per core) and rarely gives their free memory back; two
# arenas hold the same work in less resident memory (docs/deploy.md, "Memory"). The child processes inherit it.
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
# Includes dejavu-fonts-ttf, the font the digest chart draws its text with (slim images have no system fonts).
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json says "type": "module": without it Node cannot load dist/ as ES modules.
COPY package.json ./
# Applied at start by openStore (dist/db/open.js finds them at ../../migrations).
COPY migrations ./migrations
# burnrate.yaml (BURNRATE_CONFIG), demo.yaml and scenarios/ for `burnrate demo`.
COPY config ./config
COPY deploy/docker-entrypoint.sh ./deploy/docker-entrypoint.sh
RUN mkdir -p /data && chown node:node /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The entrypoint starts as root only to hand the mounted volume to the `node` user, then runs the command as
# `node` (see deploy/docker-entrypoint.sh). Migrations run at start: openStore applies any pending ones.
ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]
# The resident bot's heap kept small (docs/deploy.md has the measured figures): a 1 MB young generation instead of
# 16 MB, and an old generation capped so it is collected rather than grown. The child processes serve starts
# (sync, audit, digest, remediation calls) do not inherit these limits. --liftoff-only: Node's fetch parses HTTP
# with a WebAssembly module, and V8's background recompilation of it at full optimisation takes some 30 MB for
# a moment after the first request; its first-tier code is fast enough for a few Slack calls a second.
CMD ["node", "--max-semi-space-size=1", "--max-old-space-size=40", "--liftoff-only", "dist/main.js", "serve"]
