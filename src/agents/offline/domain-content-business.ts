import type { Domain, DomainProfile } from './domain-profile';

/** Profiles of domains where the user works: money, goods, transport, software, teams. */
export const BUSINESS_DOMAINS: Partial<Record<Domain, DomainProfile>> = {
  finance: {
    label: 'personal and business finance',
    personas: ['Freelancers and sole traders', 'Small-business owners', 'Finance teams'],
    secondaryUsers:
      'accountants who review the numbers, and the bank or payment provider that moves the money',
    today: ['Spreadsheets', 'Their banking app alone', 'An accountant once a year'],
    alternatives:
      'banking apps and their budgeting features, spreadsheets, and accounting software',
    firstRun: ['Connect a bank account', 'Import past transactions', 'Set rules and targets'],
    channels: [
      'Accountants who recommend it',
      'Partner banks and integrations',
      'Content for freelancers',
    ],
    pricing: ['Monthly subscription', 'Free with a paid plan', 'Fee per transaction'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Users who end the period with the money they need set aside',
        target: '80% within 6 months',
        counter: 'users who miss a bill because money was set aside',
      },
      {
        metric: 'Weekly active users with a connected account',
        target: '60% within 3 months',
        counter: 'failed or reversed transfers per 1,000',
      },
    ],
    risks: [
      {
        label: 'Licensing, KYC and fraud duties',

        risk: 'Moving or holding money brings licensing, KYC and fraud duties',
        mitigation:
          'work through a licensed (e.g. FCA-authorised) provider and never hold funds ourselves',
      },
      {
        label: 'A wrong or failed transfer',

        risk: 'A wrong or failed transfer leaves someone short',
        mitigation: 'show every transfer before it happens and let users undo it the same day',
      },
    ],
    nonGoals: [
      {
        text: 'Becoming a bank or holding customer money.',
        conflicts: /\b(bank account|hold\w* (the )?money|deposit)\b/i,
      },
      { text: 'Filing tax returns for users.', conflicts: /\b(fil(e|ing) (tax|returns))\b/i },
      { text: 'Investment advice.', conflicts: /\b(invest\w*)\b/i },
    ],
    special: {
      question: 'Will the product move or hold money itself, or through a licensed provider?',
      context: 'Handling funds brings licensing, KYC and fraud duties that set the scope.',
      options: [
        'Through a licensed provider',
        'Ourselves, with our own licence',
        'No money moves: insight only',
      ],
      recommended: 0,
      reason:
        'A licensed provider carries the regulatory duties, so the first release can ship sooner.',
      answeredBy: /\b(licen[cs]\w*|fca|kyc|provider)\b/i,
    },
  },
  logistics: {
    label: 'logistics',
    personas: ['Dispatchers', 'Drivers', 'Owners of small courier firms'],
    secondaryUsers: 'drivers who follow the routes, and the customers waiting for their deliveries',
    today: [
      'Paper run sheets and phone calls',
      'A generic route planner',
      'Spreadsheets and experience',
    ],
    alternatives:
      'generic route planners, the dispatch module of a larger transport system, and paper run sheets',
    firstRun: [
      "Import the day's stops from a file",
      'Add drivers and vehicles',
      'Connect their order system',
    ],
    channels: [
      'Courier and transport trade associations',
      'Partnerships with delivery platforms',
      'Direct sales to regional firms',
    ],
    pricing: ['Per vehicle per month', 'Per delivery', 'Flat monthly fee per depot'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'On-time delivery rate',
        target: '95% within 3 months',
        counter: 'kilometres driven per delivery',
      },
      {
        metric: 'Time dispatchers spend re-planning per day',
        target: 'down 50% within 2 months',
        counter: 'deliveries re-assigned more than once',
      },
    ],
    risks: [
      {
        label: 'Drivers ignore the new route',

        risk: 'Drivers ignore the new route order',
        mitigation: 'push changes to the driver app with a reason and let drivers flag problems',
      },
      {
        label: 'Privacy of driver location data',

        risk: 'Driver location data raises privacy duties (GDPR)',
        mitigation: 'track location only during shifts and keep it for 30 days',
      },
    ],
    nonGoals: [
      { text: 'Running our own fleet or drivers.', conflicts: /\b(our own fleet|hire drivers)\b/i },
      {
        text: 'Customs or international freight.',
        conflicts: /\b(customs|international|freight)\b/i,
      },
    ],
  },
  developer: {
    label: 'developer tools',
    personas: ['Developers', 'Engineering managers', 'Platform or DevOps teams'],
    secondaryUsers:
      'engineering managers who read the reports, and security teams who approve the integration',
    today: [
      'Re-running the pipeline until it passes',
      'A spreadsheet or ticket per problem',
      'A script someone wrote once',
    ],
    alternatives:
      'the CI provider’s own insights, in-house scripts, and re-running pipelines by hand',
    firstRun: [
      'Install the CLI in the CI configuration',
      'Connect the repository',
      'Upload past results',
    ],
    channels: [
      'Developer communities and Hacker News',
      'The CI provider’s marketplace',
      'Open-source users who upgrade',
    ],
    pricing: [
      'Per developer per month',
      'Free for open source, paid for private code',
      'Per pipeline minute',
    ],
    pricingPick: 1,
    outcomes: [
      {
        metric: 'Pipeline re-runs per week',
        target: 'down 50% within 60 days of install',
        counter: 'real failures hidden by mistake',
      },
      {
        metric: 'Teams still active 30 days after install',
        target: '60% within the first quarter',
        counter: 'CI time added by the tool',
      },
    ],
    risks: [
      {
        label: 'A real failure hidden by mistake',

        risk: 'A real failure is hidden and a bug ships',
        mitigation: 'never hide a test without a visible owner, and re-check hidden tests daily',
      },
      {
        label: 'Security teams refuse to share data',

        risk: 'Security teams refuse to send logs and code data to a third party',
        mitigation: 'send only test names and outcomes, and offer self-hosting',
      },
    ],
    nonGoals: [
      { text: 'Replacing the CI system itself.', conflicts: /\b(replace|ci system)\b/i },
      { text: 'Writing or fixing tests automatically.', conflicts: /\b(fix\w*|writ\w*) tests\b/i },
    ],
  },
  marketplace: {
    label: 'marketplace',
    personas: ['The buyers', 'The providers', 'Both sides at once'],
    secondaryUsers: 'the other side of the marketplace, and the team that resolves disputes',
    today: ['Word of mouth and local groups', 'General listing sites', 'Large national platforms'],
    alternatives:
      'word of mouth and local social-media groups, general listing sites, and large national platforms',
    firstRun: ['Post a first request', 'Create a provider profile', 'Browse providers nearby'],
    channels: [
      'Local community groups',
      'Trade suppliers and associations (supply side)',
      'Search ads for urgent jobs',
    ],
    pricing: ['Commission per completed job', 'Subscription for providers', 'Fee for buyers'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Jobs completed per week',
        target: '200 a week in the launch city within 6 months',
        counter: 'jobs ending in a dispute',
      },
      {
        metric: 'Requests that receive an offer within 24 hours',
        target: '80% within 3 months',
        counter: 'providers who leave per month',
      },
    ],
    risks: [
      {
        label: 'Too little supply or demand',

        risk: 'Too little supply or demand at launch',
        mitigation: 'launch in one city and one job type, and recruit the supply side first',
      },
      {
        label: 'A poor job damages trust',

        risk: 'A poor or unsafe job damages trust in every provider',
        mitigation: 'vet providers before they list, and pay them only after sign-off',
      },
    ],
    nonGoals: [
      {
        text: 'Holding funds ourselves: a licensed payment provider does it.',
        conflicts: /\b(wallet|hold\w* funds)\b/i,
      },
      {
        text: 'Launching in more than one city at a time.',
        conflicts: /\b(nationwide|national|global)\b/i,
      },
    ],
  },
  commerce: {
    label: 'retail',
    personas: ['Independent shop owners', 'Shop staff who order stock', 'Online shoppers'],
    secondaryUsers: 'staff who order and shelve stock, and the suppliers who fulfil orders',
    today: ['Gut feeling and experience', 'Their till or stock system’s reports', 'Spreadsheets'],
    alternatives:
      'the reports in their till or stock system, spreadsheets, and supplier reps’ advice',
    firstRun: [
      'Connect the till or stock system',
      'Import past sales',
      'Choose which products to watch',
    ],
    channels: [
      'Retail trade associations',
      'Till and stock-system partners',
      'Supplier and distributor newsletters',
    ],
    pricing: ['Monthly subscription per shop', 'Free with a paid plan', 'Fee per order placed'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Best-sellers that run out of stock per month',
        target: 'down by half within the first quarter',
        counter: 'unsold stock returned or discounted per month',
      },
      {
        metric: 'Shops acting on an alert each week',
        target: '70% within 3 months',
        counter: 'alerts dismissed as wrong',
      },
    ],
    risks: [
      {
        label: 'Wrong predictions for new products',

        risk: 'Predictions are wrong for new products with no sales history',
        mitigation: 'show how confident each prediction is and fall back to similar products',
      },
      {
        label: 'Till or stock system will not connect',

        risk: 'Shops cannot connect their till or stock system',
        mitigation: 'start with the two most common systems and a CSV import',
      },
    ],
    nonGoals: [
      { text: 'Running our own warehouse or delivery.', conflicts: /\b(warehouse|deliver\w*)\b/i },
      { text: 'Replacing the till or stock system.', conflicts: /\b(till|point of sale|pos)\b/i },
    ],
  },
  business: {
    label: 'business software',
    personas: [
      'The people who do the work every day',
      'Their managers',
      'The finance or operations team',
    ],
    secondaryUsers:
      'the managers who approve and read the reports, and the admin who sets the product up',
    today: [
      'Email and spreadsheets',
      'Several tools, switching between them',
      'A generic SaaS tool',
    ],
    alternatives:
      'email and spreadsheets, generic SaaS tools, and switching between several systems',
    firstRun: [
      'Connect the tools they already use',
      'Invite their team',
      'Import existing records',
    ],
    channels: [
      'Direct outreach to teams',
      'Marketplaces of the tools it integrates with',
      'Content and webinars',
    ],
    pricing: ['Per user per month', 'Flat fee per team', 'Free for small teams'],
    pricingPick: 0,
    outcomes: [
      {
        metric: 'Time spent on the task per week',
        target: 'down 30% within 2 months of rollout',
        counter: 'errors found after the task is marked done',
      },
      {
        metric: 'Weekly active users in each team',
        target: '80% of invited users within 1 month',
        counter: 'support requests per active user',
      },
    ],
    risks: [
      {
        label: 'The team keeps its old habits',

        risk: 'The team keeps its old habits and the tool goes unused',
        mitigation: 'roll out to one pilot team first and fix what slows them down',
      },
      {
        label: 'Wrong permissions',

        risk: 'Wrong permissions let someone see or change what they should not',
        mitigation: 'role-based permissions, limits per role and an audit log',
      },
    ],
    nonGoals: [
      { text: 'Replacing the company’s ERP or CRM.', conflicts: /\b(erp|crm|replace)\b/i },
      { text: 'A mobile app in the first release.', conflicts: /\b(mobile|app|phone)\b/i },
    ],
  },
};

/** For ideas no domain's words describe. */
export const GENERAL_PROFILE: DomainProfile = {
  label: 'general',
  personas: ['Individuals', 'Small teams', 'Businesses'],
  secondaryUsers:
    'people the primary users share results with, and whoever pays if that is someone else',
  today: ['Spreadsheets and notes', 'A generic app', 'Nothing: they go without'],
  alternatives: 'spreadsheets and notes, generic apps, and doing without',
  firstRun: [
    'Follow a short guided setup',
    'Import what they already have',
    'Invite the people they work with',
  ],
  channels: [
    'Communities where these users meet',
    'Search and content',
    'Referrals from early users',
  ],
  pricing: ['Free with a paid plan', 'Monthly subscription', 'One-off purchase'],
  pricingPick: 0,
  outcomes: [
    {
      metric: 'New users who complete the core task in their first week',
      target: '40% within 3 months of launch',
      counter: 'users who churn within 30 days',
    },
    {
      metric: 'Weekly active users',
      target: '10% growth month on month for the first 6 months',
      counter: 'notification opt-out rate',
    },
  ],
  risks: [
    {
      label: 'Users do not come back',

      risk: 'Users do not come back after the first session',
      mitigation: 'a first useful result within 5 minutes',
    },
    {
      label: 'A larger rival copies it',

      risk: 'A larger product copies the core feature',
      mitigation: 'focus on one audience and serve it better',
    },
  ],
  nonGoals: [
    {
      text: 'Native apps for every platform in the first release.',
      conflicts: /\b(app|mobile|ios|android)\b/i,
    },
    {
      text: 'Integrations beyond the one or two the first users need.',
      conflicts: /\b(integrat\w*|sync\w*)\b/i,
    },
  ],
};
