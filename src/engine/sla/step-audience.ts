import type { Audience, LadderAction } from './types';

/**
 * Who a step speaks to. Steps aimed at the whole team ('channel') are the ones a claim holds back:
 * once someone said "I'm on it", pinging the channel is noise, but reminding that person is not.
 */
export function audienceOf(action: LadderAction, claimed: boolean): Audience {
  switch (action) {
    case 'remind':
      return claimed ? 'claimant' : 'assignee';
    case 'notify': // the card goes to the tasks channel; the caller also tells the assignee
    case 'mention':
    case 'here':
    case 'warn':
      return 'channel';
    case 'escalate':
      return 'admins';
    case 'page':
      return 'owner';
  }
}
