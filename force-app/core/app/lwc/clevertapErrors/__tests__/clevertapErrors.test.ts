import { errorMessage } from 'c/clevertapErrors';

describe('c-clevertap-errors errorMessage', () => {
  it('says the Apex error message a failed call carries', () => {
    expect(errorMessage({ body: { message: 'You need the CleverTap Admin permission set.' } }, 'fallback')).toBe(
      'You need the CleverTap Admin permission set.',
    );
  });

  it('says a script error message', () => {
    expect(errorMessage(new Error('Network down'), 'fallback')).toBe('Network down');
  });

  it('falls back to the screen label for anything else', () => {
    for (const error of [undefined, null, 'text', { body: {} }, { body: { message: '' } }, new Error('')]) {
      expect(errorMessage(error, 'Something went wrong.')).toBe('Something went wrong.');
    }
  });
});
