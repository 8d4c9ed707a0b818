# Parley: build the TypeScript once, run plain Node in a slim image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall (an embedded-database template) needs the sources, copied below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# Chart images (/performance) are drawn with the system's fonts: the slim image has none.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# Migrations, the replay candles and the web view's files are read at run time, found next to package.json.
COPY migrations ./migrations
COPY data ./data
COPY public ./public
RUN mkdir -p /app/.parley && chown -R node:node /app/.parley
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM reaches node directly (no shell): Parley shuts down gracefully.
# deploy/docker-compose.yml runs the same image as web processes (dist/src/web.js) and a worker (dist/src/worker.js).
CMD ["node", "dist/src/main.js"]
