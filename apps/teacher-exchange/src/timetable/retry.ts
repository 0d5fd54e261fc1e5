/** The PostgreSQL error code of an error as the driver or TypeORM hands it over. */
export const pgCode = (error: unknown): string | undefined =>
  (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;

/** Racing inserts under an exclusion constraint occasionally deadlock (40P01): the loser is retried, it changed nothing. */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = pgCode(error);
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
