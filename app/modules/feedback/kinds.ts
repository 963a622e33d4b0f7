// The feedback inbox's fixed lists, shared by server and browser. Their labels
// are in app/infra/i18n/messages/areas/feedback-common.ts under
// "feedback.channel.*", "feedback.category.*", "feedback.customerType.*" and
// "feedback.status.*".
export const feedbackChannels = ["WEB", "PHONE", "EMAIL", "VISIT", "MEETING", "CHAT", "LETTER", "OTHER"] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];
/** the channels staff log by hand (WEB is the public form's own) */
export const loggedChannels = ["PHONE", "EMAIL", "VISIT", "MEETING", "CHAT", "LETTER", "OTHER"] as const satisfies FeedbackChannel[];

export const feedbackCategories = ["COMPLAINT", "IDEA", "THANKS"] as const;
export type FeedbackCategory = (typeof feedbackCategories)[number];

export const customerTypes = ["PRIVATE", "EMPLOYER", "UNKNOWN"] as const;
export type CustomerType = (typeof customerTypes)[number];

export const feedbackStatuses = ["NEW", "IN_PROGRESS", "RESOLVED", "CLOSED"] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
/** statuses that still need someone's work */
export const openStatuses = ["NEW", "IN_PROGRESS"] as const satisfies FeedbackStatus[];

/** the longest feedback text accepted */
export const FEEDBACK_TEXT_MAX = 5000;

/** The customer's reference for an item, e.g. "#1042". */
export function feedbackReference(number: number): string {
  return `#${number}`;
}
