// q functions of the structural family: registered in the primitive table and exported for the q namespace.

/** JS names this family adds to the q namespace. */
export const Q: Record<string, unknown> = {};
