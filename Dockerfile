# One image for the API and the worker (docker-compose runs `npm start` and `npm run worker`).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
# postinstall generates the Prisma client and builds the seat-picker page, so copy sources first.
COPY . .
RUN npm ci && npm cache clean --force
ENV NODE_ENV=production
EXPOSE 4000
CMD ["npm", "start"]
