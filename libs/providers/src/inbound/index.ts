/**
 * Inbound API adapters: client-facing APIs other than chat completions (Anthropic Messages,
 * OpenAI Responses) translated onto OpenAI chat completions and back, so any chat provider can
 * serve them. Pure functions and per-stream state machines; the gateway owns HTTP and SSE framing.
 */
export { messagesToChatRequest } from './anthropic-messages/messages-request.js';
export { chatResponseToMessages } from './anthropic-messages/messages-response.js';
export { createChatToMessagesStream } from './anthropic-messages/messages-stream.js';
export type { ChatToMessagesStream, MessagesStreamEvent } from './anthropic-messages/messages-stream.js';
export { chatErrorToMessagesError, messagesErrorType } from './anthropic-messages/messages-error.js';

export { responsesToChatRequest } from './openai-responses/responses-request.js';
export { chatResponseToResponses } from './openai-responses/responses-response.js';
export { createChatToResponsesStream } from './openai-responses/responses-stream.js';
export type { ChatToResponsesStream, ResponsesStreamContext, ResponsesStreamEvent } from './openai-responses/responses-stream.js';
export { chatErrorToResponsesError } from './openai-responses/responses-error.js';
