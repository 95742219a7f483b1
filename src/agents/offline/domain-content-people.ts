import type { Domain, DomainProfile } from './domain-profile';

/** Profiles of domains where the user is a person looking after themselves or others. */
export const PEOPLE_DOMAINS: Partial<Record<Domain, DomainProfile>> = {
  health: {
    label: 'health care',
    personas: ['Clinic owners', 'Front-desk staff', 'Practitioners'],
    secondaryUsers: 'front-desk staff who run the diary, and patients who receive messages',
    today: [
      'Phone calls and a paper or spreadsheet list',
      'The waitlist in their practice-management system',
      'Nothing: the slot stays empty',
    ],
    alternatives:
      'the diary and waitlist built into their practice-management system, phone calls from the front desk, and paper lists',
    firstRun: [
      'Connect the practice-management diary',
      'Add patients to a list by hand',
      'Import patients from a spreadsheet',
    ],
    channels: [
      'Professional associations and their newsletters',
      'Practice-management software marketplaces',
      'Clinic-owner communities and referrals',
    ],
    pricing: [
      'Monthly subscription per clinic',
      'Fee per filled appointment',
      'Per practitioner per month',
    ],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Share of cancelled appointments refilled',
        target: '50% within 3 months of launch',
        counter: 'patients who opt out of messages per month',
      },
      {
        metric: 'Revenue recovered per clinic per month',
        target: '£1,000 per clinic within 6 months',
        counter: 'complaints about late-notice bookings',
      },
      {
        metric: 'Front-desk time spent on the phone per week',
        target: 'down 2 hours per clinic within 3 months',
        counter: 'appointments booked by mistake',
      },
    ],
    risks: [
      {
        label: 'Data-protection rules for patient data',

        risk: 'Patient data is special-category health data (UK GDPR, HIPAA in the US)',
        mitigation:
          'store only names, mobile numbers and appointment times, encrypted, with consent recorded',
      },
      {
        label: 'Patients ignore or resent the texts',

        risk: 'Patients ignore or resent the messages',
        mitigation: 'cap messages per patient per week and make opting out one reply',
      },
      {
        label: 'Double-booked slots',

        risk: 'A slot is offered to two patients at once',
        mitigation: 'hold the slot for the first acceptance and tell everyone else it is gone',
      },
    ],
    nonGoals: [
      {
        text: 'Clinical notes, diagnosis or treatment advice.',
        conflicts: /\b(notes|diagnos\w*|treatment)\b/i,
      },
      {
        text: "Replacing the clinic's practice-management system: the product works beside it.",
        conflicts: /\b(practice[- ]management|replace)\b/i,
      },
      { text: 'Taking payments from patients.', conflicts: /\b(pay\w*|billing|invoic\w*)\b/i },
    ],
    special: {
      question: 'Which patient data will the product store?',
      context: 'Health data brings legal duties that shape the architecture and the launch plan.',
      options: [
        'Names and mobile numbers only',
        'Appointment details too',
        'Clinical notes as well',
      ],
      recommended: 0,
      reason: 'Storing the least data keeps the product clear of most special-category duties.',
      answeredBy: /\b(gdpr|hipaa|health data|patient data|privacy)\b/i,
    },
  },
  fitness: {
    label: 'fitness',
    personas: ['Beginners with a first goal', 'Regular amateurs', 'Coaches and their athletes'],
    secondaryUsers: 'coaches who follow their athletes, and friends who train together',
    today: ['A generic fitness app', 'A wearable and its own app', 'A plan from a book or a coach'],
    alternatives:
      'generic fitness apps, wearables with their own apps, and plans from coaches or books',
    firstRun: [
      'Set a goal and a date',
      'Import past activity from a wearable',
      'Take a short fitness test',
    ],
    channels: [
      'Running and sports clubs',
      'Coaches who recommend it',
      'App-store search and fitness creators',
    ],
    pricing: ['Free with a paid plan', 'Monthly subscription', 'One-off purchase per plan'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Share of users who complete 3 sessions a week',
        target: '40% by week 4',
        counter: 'injury or overtraining reports per 1,000 users',
      },
      {
        metric: 'Users still training after 8 weeks',
        target: '35% within the first quarter',
        counter: 'notification opt-out rate',
      },
    ],
    risks: [
      {
        label: 'Injuries from plans that are too hard',

        risk: 'Users get injured following a plan that is too hard',
        mitigation: 'progress load gradually and ask about pain before each session',
      },
      {
        label: 'Drop-off after two weeks',

        risk: 'Drop-off after the first two weeks',
        mitigation: 'short sessions, weekly goals and reminders the user chooses',
      },
    ],
    nonGoals: [
      {
        text: 'Medical advice or injury diagnosis.',
        conflicts: /\b(medical|injur\w*|diagnos\w*)\b/i,
      },
      { text: 'Building our own wearable.', conflicts: /\b(wearable|device|hardware)\b/i },
    ],
  },
  education: {
    label: 'education',
    personas: ['Adult learners studying alone', 'Students in a class', 'Teachers who set the work'],
    secondaryUsers:
      'teachers or tutors who set goals, and the exam bodies whose syllabus it follows',
    today: ['Flashcard apps', 'Textbooks and paper lists', 'Classes or a private tutor'],
    alternatives: 'general flashcard apps, textbooks and word lists, and classes or private tutors',
    firstRun: [
      'Take a short placement quiz',
      'Set a goal or exam date',
      'Start the first lesson straight away',
    ],
    channels: [
      'Exam-preparation communities',
      'Teachers and language schools',
      'App-store search and study creators',
    ],
    pricing: ['Free with a paid plan', 'Monthly subscription', 'One-off course purchase'],
    pricingPick: 1,
    outcomes: [
      {
        metric: 'Share of learners who reach their weekly review goal',
        target: '50% within 8 weeks',
        counter: 'learners who skip reviews for more than 7 days',
      },
      {
        metric: 'Score gain on a practice test',
        target: '+15 points within 6 weeks',
        counter: 'time spent per session beyond 30 minutes',
      },
    ],
    risks: [
      {
        label: 'Learners drop off early',

        risk: 'Learners drop off after the first week',
        mitigation: 'short daily sessions, a visible streak and reminders at a time they choose',
      },
      {
        label: 'Content that misses the exam',

        risk: 'Content does not match what the exam actually tests',
        mitigation: 'build word lists from the official syllabus and past papers',
      },
    ],
    nonGoals: [
      { text: 'Accredited certification.', conflicts: /\b(certif\w*|accredit\w*)\b/i },
      { text: 'Live tutoring.', conflicts: /\b(tutor\w*|live)\b/i },
    ],
  },
  food: {
    label: 'food and home cooking',
    personas: ['Busy parents', 'People cooking for one', 'People with a strict diet'],
    secondaryUsers: 'the rest of the household, who eat the meals and add requests',
    today: [
      'Deciding at the last minute',
      'Recipe sites and saved bookmarks',
      'Meal kits or takeaway',
    ],
    alternatives: 'recipe sites and saved bookmarks, meal-kit subscriptions, and takeaway apps',
    firstRun: [
      'Tell it what is in the fridge',
      'Set diets and allergies for the household',
      'Pick favourite meals',
    ],
    channels: [
      'Parenting newsletters and groups',
      'Food creators on social media',
      'Supermarket partnerships',
    ],
    pricing: ['Free with a paid plan', 'Monthly subscription', 'Commission on grocery orders'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Share of planned meals that get cooked',
        target: '60% of planned meals within 3 months',
        counter: 'food thrown away per week, as reported by users',
      },
      {
        metric: 'Weekly plans created per active household',
        target: '3 a month within the first quarter',
        counter: 'time spent planning per week',
      },
    ],
    risks: [
      {
        label: 'An allergen in a suggested meal',

        risk: 'An allergen slips into a suggested meal',
        mitigation: 'allergies are hard filters, shown on every recipe, and never inferred',
      },
      {
        label: 'Households stop planning',

        risk: 'Households stop planning after a few weeks',
        mitigation: 'reuse favourite meals and make a plan in under 2 minutes',
      },
    ],
    nonGoals: [
      { text: 'Nutrition or medical advice.', conflicts: /\b(nutrition\w*|medical)\b/i },
      { text: 'Delivering groceries ourselves.', conflicts: /\b(deliver\w*)\b/i },
    ],
  },
  social: {
    label: 'community',
    personas: ['Neighbours in flats', 'Families in houses', 'Local community organisers'],
    secondaryUsers:
      'members who lend rather than borrow, and organisers who keep the community safe',
    today: ['Buying their own', 'Asking in a local chat group', 'Borrowing from friends or family'],
    alternatives:
      'local chat groups and social-network groups, buying or renting from shops, and asking friends',
    firstRun: ['Join their neighbourhood', 'List something to share', 'Browse what is nearby'],
    channels: [
      'Neighbourhood chat groups',
      'Posters and local events',
      'Invitations from existing members',
    ],
    pricing: ['Free', 'Small fee per loan', 'Paid membership with a free tier'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Completed loans per active neighbourhood',
        target: '20 a month within 3 months',
        counter: 'loans reported as damaged or not returned',
      },
      {
        metric: 'Members who borrow or lend again within 30 days',
        target: '40% within the first quarter',
        counter: 'reports of abuse per 1,000 members',
      },
    ],
    risks: [
      {
        label: 'Items come back broken or not at all',

        risk: 'Items come back broken or not at all',
        mitigation: 'ratings for both sides, photos at hand-over and a deposit option',
      },
      {
        label: 'Too few members nearby',

        risk: 'Too few members nearby to be useful',
        mitigation: 'launch one neighbourhood at a time and start it with local organisers',
      },
    ],
    nonGoals: [
      { text: 'Insurance for lent items.', conflicts: /\b(insur\w*)\b/i },
      { text: 'A public feed beyond the neighbourhood.', conflicts: /\b(feed|public)\b/i },
    ],
  },
  hardware: {
    label: 'connected hardware',
    personas: ['Owners of the device', 'Family members who share it', 'Shops that sell and fit it'],
    secondaryUsers:
      'family members the owner shares access with, and the shops that sell and fit the device',
    today: [
      'A plain mechanical device',
      'A key passed around the family',
      'A rival smart device and its app',
    ],
    alternatives:
      "plain mechanical devices, rival smart devices with their own apps, and the manufacturer's basic app",
    firstRun: [
      'Pair the device over Bluetooth',
      'Create an account and name the device',
      'Invite family members',
    ],
    channels: [
      'Bundled with the device in shops',
      'The device maker’s website',
      'Reviews by specialist creators',
    ],
    pricing: ['Free with the device', 'Subscription for extra features', 'One-off premium unlock'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Devices with the app paired and active weekly',
        target: '70% of devices sold within 2 months',
        counter: 'support tickets about pairing per 100 devices',
      },
      {
        metric: 'Alerts that turn out to be real',
        target: '90% within 3 months of launch',
        counter: 'false alarms per device per month',
      },
    ],
    risks: [
      {
        label: 'Owners locked out by a flat battery',

        risk: 'A flat battery or failed connection locks the owner out',
        mitigation: 'low-battery warnings days ahead and a mechanical or code fallback',
      },
      {
        label: 'Bluetooth pairing failures',

        risk: 'Bluetooth pairing fails on some phones',
        mitigation: 'test on the most common phone models and guide users step by step',
      },
      {
        label: 'Shared access abused',

        risk: 'Shared access is abused after a relationship ends',
        mitigation: 'owners see every access and can revoke it instantly',
      },
    ],
    nonGoals: [
      { text: 'Designing new hardware in this release.', conflicts: /\b(design|new hardware)\b/i },
      {
        text: 'Support for other brands’ devices.',
        conflicts: /\b(brands?|any device|universal)\b/i,
      },
    ],
    special: {
      question: 'What must still work when the phone has no signal or the device battery is low?',
      context: 'Connected devices fail in the field; the fallback decides safety and support load.',
      options: ['A backup code on the device', 'A mechanical key', 'Nothing: app only'],
      recommended: 0,
      reason: 'A code works without the phone and adds no parts to the device.',
      answeredBy: /\b(offline|battery|fallback|backup)\b/i,
    },
  },
};
