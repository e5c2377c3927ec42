import type { Card, Reply } from '../src/domain/card';

export const ephemeral = (text: string): Reply => ({ type: 'text', text, ephemeral: true });
export const publicText = (text: string): Reply => ({ type: 'text', text, ephemeral: false });
export const cardReply = (card: Card, isEphemeral = false): Reply => ({ type: 'card', card, ephemeral: isEphemeral });
