import type { Family, FieldError } from './families.ts';

/**
 * An error a handler or domain function raises to answer the client. The route's family
 * shapes it. `body` replaces the family envelope when a page documents an exact answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body?: unknown,
    readonly family?: Family,
  ) {
    super(message);
  }

  static badRequest(message: string, errors: FieldError[] = []): ApiError {
    return new ApiError(400, message, errors);
  }
  static field(field: string, rule: string, message: string, status = 400): ApiError {
    return new ApiError(status, message, [{ field, rule, message }]);
  }
  static notFound(message: string): ApiError {
    return new ApiError(404, message);
  }
  static conflict(message: string): ApiError {
    return new ApiError(409, message);
  }
  /** An exact documented body (e.g. an HTTP 200 whose body says code 404). */
  static exact(status: number, body: unknown, message = 'documented answer'): ApiError {
    return new ApiError(status, message, [], body);
  }
}
