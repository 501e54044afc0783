import { useEffect, useState } from 'react';
import { loadDemoAccounts } from '../api/accounts.ts';
import { DemoNotice } from '../components/DemoNotice.tsx';

/** In demo mode, no mail leaves the platform: a link to the demo mailbox, filtered on the address. */
export function DemoMailNotice({ email }: { email: string }) {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let live = true;
    void loadDemoAccounts().then((d) => live && setDemo(d !== null));
    return () => {
      live = false;
    };
  }, []);
  if (!demo) return null;
  return (
    <DemoNotice>
      Aucun message ne quitte la plateforme de démonstration :{' '}
      <a href={`/dev/mails?${new URLSearchParams({ to: email.trim() })}`}>lire les messages envoyés à {email.trim()}</a>.
    </DemoNotice>
  );
}
