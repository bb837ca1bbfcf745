import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // The oracle tests start network namespaces; keep the machine's two cores for them.
    pool: "forks",
  },
});
