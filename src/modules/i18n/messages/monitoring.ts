// The round monitor, the servicedesk view and pilot feedback (navigation; the pages are Dutch for now).
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'monitoring.nav.monitor': 'Rondemonitor',
    'monitoring.nav.servicedesk': 'Servicedesk',
    'monitoring.nav.feedback': 'Pilotfeedback',
    'monitoring.feedbackLink': 'Feedback over ggk geven',
  },
  en: {
    'monitoring.nav.monitor': 'Round monitor',
    'monitoring.nav.servicedesk': 'Service desk',
    'monitoring.nav.feedback': 'Pilot feedback',
    'monitoring.feedbackLink': 'Give feedback on ggk',
  },
});
