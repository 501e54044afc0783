/**
 * The operator asked for something the tool refuses (a missing file, a non-empty target, a backup
 * of the other kind, a missing pg_dump…): the CLI prints the message — one line saying what to fix —
 * and exits with code 2. Anything else that fails is an error (exit code 1).
 */
export class OpsRefusal extends Error {}
