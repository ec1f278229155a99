# expect: RP-DF-001 RP-DF-003 RP-DF-005 RP-DF-006 RP-DF-007 RP-DF-012 RP-DF-013 RP-DF-014 RP-DF-015 RP-DF-018
# A quick Node.js image: floating base, an install script piped to a shell,
# a token baked into the image, SSH exposed, and it runs as root.
FROM node:latest
ENV NODE_ENV=production \
    NPM_TOKEN=npm_not_a_real_token_000000000000000000
WORKDIR app
ADD https://example.com/tools/install.sh /tmp/install.sh
RUN curl -fsSL https://deb.example.com/setup.sh | bash -
ADD package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000 22
CMD ["npm", "run", "dev"]
CMD ["node", "server.js"]
