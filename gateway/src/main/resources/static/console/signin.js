// Checks the pasted token against an admin-only endpoint before keeping it, so a wrong token is explained here rather
// than on the next page.

import { call, signIn, takeNotice } from './api.js';
import { showError } from './page.js';

const form = document.getElementById('signin-form');
const field = document.getElementById('token');
const error = document.getElementById('signin-error');
const notice = document.getElementById('signin-notice');

const told = takeNotice();
if (told) {
  notice.textContent = told;
  notice.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError(error);
  const jwt = field.value.trim().replace(/^Bearer\s+/i, '');
  try {
    await call('/api/nodes', { token: jwt, signIn: false });
  } catch (refused) {
    showError(error, refused.status === 403
      ? new Error('This token is valid but lacks scope admin: mint one with --scope admin.')
      : refused);
    return;
  }
  signIn(jwt);
  location.assign(next());
});

/** Only a console page of this node: a crafted link must not send a fresh sign-in elsewhere. */
function next() {
  const wanted = new URLSearchParams(location.search).get('next') || '';
  return /^\/console\/[\w.\-]*(\?[^#]*)?$/.test(wanted) && !wanted.startsWith('/console/signin') ? wanted : '/console/';
}
