// Placeholder while the command is being built (replaced by its implementation).
import { UserError } from '../errors.js';

export function execute(): Promise<number> {
  return Promise.reject(new UserError('prepub verify is not built yet'));
}
