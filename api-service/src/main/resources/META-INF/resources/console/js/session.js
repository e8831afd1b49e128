// The API key lives in this tab's sessionStorage only: gone when the tab closes, never in a
// cookie, a URL or localStorage.

const KEY = 'kiln.api-key';

export const session = {
  key() {
    return sessionStorage.getItem(KEY);
  },
  signIn(key) {
    sessionStorage.setItem(KEY, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
};
