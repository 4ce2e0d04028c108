import { randomInt } from 'node:crypto'

// No 0/O, 1/I/L or U: codes are read aloud at box offices and typed from paper tickets.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

/** An 8-character code, e.g. "K7QM-4XPD" without the dash: about 6.5e11 possibilities. */
export function newBookingCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}
