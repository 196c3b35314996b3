// Pages for "not found" and "something went wrong": Dutch, with a way back, and never a detail of
// the error itself (that goes to the log, with the request id the user can quote).
import { Layout } from '../layout.tsx';

export function NotFoundView() {
  return (
    <Layout title="Pagina niet gevonden">
      <h1 class="utrecht-heading-1">Pagina niet gevonden</h1>
      <p class="utrecht-paragraph">
        Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de{' '}
        <a class="utrecht-link utrecht-link--html-a" href="/">
          startpagina
        </a>
        .
      </p>
    </Layout>
  );
}

export function ErrorView({ requestId }: { requestId: string }) {
  return (
    <Layout title="Er ging iets mis">
      <h1 class="utrecht-heading-1">Er ging iets mis</h1>
      <p class="utrecht-paragraph">
        Door een fout aan onze kant kon deze pagina niet worden getoond. Probeer het later opnieuw. Neemt u
        contact op met de servicedesk, noem dan deze code: <code class="utrecht-code">{requestId}</code>.
      </p>
    </Layout>
  );
}

export function ForbiddenView({ message }: { message: string }) {
  return (
    <Layout title="Geen toegang">
      <h1 class="utrecht-heading-1">Geen toegang</h1>
      <p class="utrecht-paragraph">{message}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/">
          Naar de startpagina
        </a>
      </p>
    </Layout>
  );
}
