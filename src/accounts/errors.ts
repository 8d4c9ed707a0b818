import { AppError } from '../shared/errors.js';

/** An account id that is not one of the user's (or no longer connected): the same answer either way. */
export class AccountNotFound extends AppError {
  constructor() {
    super('account.not_found', 'That account is not one of yours, or it was disconnected.');
  }
}

/** The paper account is what Parley falls back to: it stays. */
export class PaperAccountStays extends AppError {
  constructor() {
    super('account.paper_stays', 'The paper account cannot be removed: it is what Parley falls back to.');
  }
}
