import { z } from 'zod';

/**
 * Who a role or a gate is granted to: "discord:user:<id>", "discord:role:<id>", "slack:user:<id>",
 * "slack:group:<id>", "console:user:console", or "*" for everyone.
 */
export const PRINCIPAL = /^(\*|(discord|slack|console):(user|role|group):[A-Za-z0-9_.-]+)$/;

export const PRINCIPAL_SYNTAX = '"discord:user:<id>", "discord:role:<id>", "slack:user:<id>", "slack:group:<id>" or "*"';

export const principalSchema = z.string().regex(PRINCIPAL, `write a principal as ${PRINCIPAL_SYNTAX}`);
