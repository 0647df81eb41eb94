/** One request for a personal-data link: the address it was sent to, which the link's token does not carry. */
export interface PersonalDataRequest {
  id: string;
  channel: 'email' | 'sms';
  /** Normalized as subscriptions and travelers store it (lower-cased email, E.164 number). */
  address: string;
  createdAt: string;
  /** When its link stops working; the record goes then too. */
  expiresAt: string;
}

/** Open personal-data requests, so that a link names an id and never an address. */
export interface PersonalDataRequestStore {
  put(request: PersonalDataRequest): Promise<void>;
  /** The request, unless it expired or its address was erased. */
  get(id: string, now: string): Promise<PersonalDataRequest | undefined>;
  /** Deletes every open request of an address (its data was erased); answers how many. */
  deleteForAddress(address: string): Promise<number>;
}
