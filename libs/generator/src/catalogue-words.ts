/**
 * Word lists and per-category parameters of the synthetic catalogue: enough varied, meaningful text
 * per category that a text embedding separates categories and products.
 */

export interface CategoryProfile {
  readonly name: string;
  readonly nouns: readonly string[];
  readonly features: readonly string[];
  readonly materials: readonly string[];
  readonly uses: readonly string[];
  /** Median list price and the lognormal spread around it. */
  readonly priceMedian: number;
  readonly priceSigma: number;
  /** Median base demand of a product, units per day. */
  readonly demandMedian: number;
  /** Yearly seasonality: relative amplitude and the day of the year (0 = 1 January) of the peak. */
  readonly seasonAmplitude: number;
  readonly seasonPeakDay: number;
}

export const CATEGORY_PROFILES: readonly CategoryProfile[] = [
  {
    name: 'Electronics',
    nouns: ['Wireless Headphones', 'Smartwatch', 'Bluetooth Speaker', 'Tablet', 'Action Camera', 'Power Bank', 'E-Reader', 'Mechanical Keyboard', 'Webcam', 'Smart Plug'],
    features: ['active noise cancelling', 'a 30-hour battery', 'fast USB-C charging', 'a bright OLED display', 'water resistance', 'low-latency Bluetooth 5.3', 'voice assistant support', 'a companion app'],
    materials: ['anodised aluminium', 'recycled polycarbonate', 'soft-touch plastic', 'tempered glass'],
    uses: ['commuting', 'home offices', 'travel', 'gaming', 'video calls'],
    priceMedian: 120,
    priceSigma: 0.8,
    demandMedian: 8,
    seasonAmplitude: 0.35,
    seasonPeakDay: 332,
  },
  {
    name: 'Home',
    nouns: ['Throw Blanket', 'Table Lamp', 'Storage Basket', 'Scented Candle', 'Cookware Set', 'Bath Towel Set', 'Wall Clock', 'Linen Duvet Cover', 'Coffee Grinder', 'Ceramic Vase'],
    features: ['a timeless design', 'easy care', 'a warm glow', 'generous capacity', 'non-stick coating', 'a soft hand feel', 'quiet operation'],
    materials: ['stonewashed linen', 'organic cotton', 'hand-glazed ceramic', 'oak wood', 'stainless steel', 'woven seagrass'],
    uses: ['living rooms', 'small kitchens', 'bedrooms', 'gifting', 'cosy evenings'],
    priceMedian: 45,
    priceSigma: 0.6,
    demandMedian: 12,
    seasonAmplitude: 0.15,
    seasonPeakDay: 300,
  },
  {
    name: 'Fashion',
    nouns: ['Wrap Dress', 'Denim Jacket', 'Knit Sweater', 'Chino Trousers', 'Silk Blouse', 'Leather Belt', 'Rain Coat', 'Linen Shirt', 'Midi Skirt', 'Sneakers'],
    features: ['a relaxed fit', 'a flattering silhouette', 'tailored details', 'a breathable weave', 'reinforced seams', 'a timeless cut'],
    materials: ['organic cotton', 'merino wool', 'washed silk', 'full-grain leather', 'recycled polyester', 'Belgian linen'],
    uses: ['the office', 'weekends', 'evenings out', 'layering', 'warm days'],
    priceMedian: 40,
    priceSigma: 0.5,
    demandMedian: 15,
    seasonAmplitude: 0.25,
    seasonPeakDay: 100,
  },
  {
    name: 'Beauty',
    nouns: ['Face Serum', 'Moisturiser', 'Lip Balm', 'Eau de Parfum', 'Hair Oil', 'Clay Mask', 'Sunscreen SPF 50', 'Cleansing Gel', 'Eye Cream', 'Nail Polish'],
    features: ['hyaluronic acid', 'vitamin C', 'a light texture', 'a long-lasting scent', 'fragrance-free formula', 'dermatologist-tested ingredients'],
    materials: ['plant-based oils', 'shea butter', 'aloe vera', 'niacinamide', 'rosehip extract'],
    uses: ['daily routines', 'sensitive skin', 'gifting', 'dry climates', 'night care'],
    priceMedian: 22,
    priceSigma: 0.5,
    demandMedian: 18,
    seasonAmplitude: 0.2,
    seasonPeakDay: 345,
  },
  {
    name: 'Sports',
    nouns: ['Yoga Mat', 'Running Shoes', 'Dumbbell Set', 'Cycling Helmet', 'Water Bottle', 'Tennis Racket', 'Fitness Tracker', 'Hiking Backpack', 'Resistance Bands', 'Swim Goggles'],
    features: ['a non-slip grip', 'responsive cushioning', 'adjustable straps', 'a lightweight frame', 'sweat-wicking fabric', 'reflective details'],
    materials: ['natural rubber', 'ripstop nylon', 'carbon fibre', 'cast iron', 'BPA-free plastic'],
    uses: ['morning runs', 'home workouts', 'trail hikes', 'the gym', 'summer sports'],
    priceMedian: 55,
    priceSigma: 0.7,
    demandMedian: 10,
    seasonAmplitude: 0.35,
    seasonPeakDay: 160,
  },
  {
    name: 'Grocery',
    nouns: ['Ground Coffee', 'Green Tea', 'Olive Oil', 'Dark Chocolate', 'Granola', 'Pasta', 'Honey', 'Sparkling Water', 'Rice', 'Peanut Butter'],
    features: ['single-origin beans', 'no added sugar', 'a rich aroma', 'cold-pressed quality', 'a crunchy texture', 'fair-trade sourcing'],
    materials: ['organic ingredients', 'whole grains', 'Arabica beans', 'wildflower nectar'],
    uses: ['breakfast', 'quick dinners', 'snacking', 'baking', 'the pantry'],
    priceMedian: 6,
    priceSigma: 0.5,
    demandMedian: 40,
    seasonAmplitude: 0.08,
    seasonPeakDay: 355,
  },
  {
    name: 'Toys',
    nouns: ['Building Blocks', 'Plush Bear', 'Puzzle 1000 Pieces', 'Remote Control Car', 'Board Game', 'Wooden Train Set', 'Art Kit', 'Doll House', 'Science Kit', 'Card Game'],
    features: ['hours of creative play', 'rounded safe edges', 'colourful pieces', 'easy-to-learn rules', 'rechargeable batteries', 'educational value'],
    materials: ['FSC-certified wood', 'non-toxic paint', 'soft recycled fibre', 'durable ABS plastic'],
    uses: ['family evenings', 'ages 3 and up', 'birthdays', 'rainy days', 'classrooms'],
    priceMedian: 25,
    priceSigma: 0.6,
    demandMedian: 9,
    seasonAmplitude: 0.6,
    seasonPeakDay: 350,
  },
  {
    name: 'Books',
    nouns: ['Mystery Novel', 'Cookbook', 'Travel Guide', 'Fantasy Saga', 'Biography', 'Children\'s Picture Book', 'Self-Help Guide', 'Poetry Collection', 'History of Science', 'Graphic Novel'],
    features: ['a gripping plot', 'beautiful illustrations', 'practical advice', 'award-winning writing', 'a foreword by the author', 'over 100 recipes'],
    materials: ['hardcover binding', 'recycled paper', 'a paperback edition', 'full-colour print'],
    uses: ['holiday reading', 'book clubs', 'bedtime stories', 'curious minds', 'gifting'],
    priceMedian: 15,
    priceSigma: 0.35,
    demandMedian: 11,
    seasonAmplitude: 0.15,
    seasonPeakDay: 350,
  },
  {
    name: 'Garden',
    nouns: ['Garden Hose', 'Pruning Shears', 'Raised Bed Kit', 'Solar Lantern', 'Seed Collection', 'Watering Can', 'Outdoor Cushion', 'Compost Bin', 'Bird Feeder', 'Planter Pot'],
    features: ['weather resistance', 'an ergonomic handle', 'UV-stable colours', 'easy assembly', 'frost-proof build'],
    materials: ['galvanised steel', 'terracotta', 'recycled plastic', 'cedar wood'],
    uses: ['balconies', 'vegetable patches', 'spring planting', 'summer evenings', 'small gardens'],
    priceMedian: 35,
    priceSigma: 0.7,
    demandMedian: 7,
    seasonAmplitude: 0.55,
    seasonPeakDay: 125,
  },
  {
    name: 'Pets',
    nouns: ['Dog Bed', 'Cat Scratcher', 'Pet Shampoo', 'Chew Toy', 'Dry Dog Food', 'Cat Litter', 'Leash and Harness', 'Aquarium Filter', 'Bird Seed Mix', 'Pet Carrier'],
    features: ['a washable cover', 'grain-free recipe', 'odour control', 'a padded handle', 'vet-approved design'],
    materials: ['memory foam', 'natural sisal', 'real chicken', 'reinforced nylon'],
    uses: ['small dogs', 'indoor cats', 'long walks', 'sensitive stomachs', 'travel'],
    priceMedian: 18,
    priceSigma: 0.6,
    demandMedian: 14,
    seasonAmplitude: 0.05,
    seasonPeakDay: 180,
  },
];

export const REGIONS: readonly string[] = ['North', 'South', 'East', 'West', 'Central'];

export const BRANDS: readonly string[] = [
  'Nordlys', 'Aurora', 'Kestrel', 'Marlow', 'Vantage', 'Solace', 'Brio', 'Halcyon',
  'Juniper', 'Orion', 'Fable', 'Tundra', 'Lumen', 'Cobalt', 'Willow', 'Atlas',
];

export const ADJECTIVES: readonly string[] = [
  'Classic', 'Compact', 'Premium', 'Everyday', 'Eco', 'Pro', 'Ultra', 'Deluxe', 'Essential', 'Signature', 'Lite', 'Plus',
];

export const CLOSING_LINES: readonly string[] = [
  'Backed by a two-year warranty.',
  'Ships in recyclable packaging.',
  'A customer favourite for everyday use.',
  'Designed to last for years.',
  'Free returns within 30 days.',
  'Carefully checked before it leaves our warehouse.',
];
