/** What an anthropic block says without a key; apart from the executor so the registry need not load the SDK to say it. */
export const NO_API_KEY_MESSAGE = 'ANTHROPIC_API_KEY is not set: add it to .env, or rehearse with `/factory run <template> simulate`';
