// The end of a Genesys Cloud sign-in run in a pop-up for the dashboard in a frame (where no cookie of
// ours is sent): hands the session to the frame that opened this window, on this origin only, and closes.
const session = document.body.dataset.session;
if (window.opener && session) {
  window.opener.postMessage({ type: 'unstuck-session', session }, location.origin);
  window.close();
} else {
  document.getElementById('status').textContent = 'Signed in. Go back to the dashboard and sign in again there.';
}
